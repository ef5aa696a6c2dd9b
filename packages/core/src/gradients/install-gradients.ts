// Side-effect module: registers every gradient tfjs-core defines, plus the chained tensor methods
// (`x.square()`), into the installed tfjs-core. tfjs-core's Node entry does neither, and its own
// registration file cannot be loaded by plain Node; scripts/generate-gradients.mjs builds loadable copies.
// Importing `@tessera/core` runs this once; tfjs ignores nothing here, so re-running only re-registers.
import './generated/tfjs-gradients.js';
import './generated/tfjs-chained-ops.js';
import { registerGradientFixes } from './fixes/index.js';

// Core's corrections of tfjs-core gradients (AvgPool borders, dilated convolutions) replace tfjs's own.
registerGradientFixes();
