// Browser-test support for this repository's packages (not published).
export * from './page-server.js';
export * from './chromium.js';
