import { Conv2D, Dense, Flatten, MaxPooling2D, input, sequential } from '@tessera/layers';
console.log(sequential, Conv2D, Dense, Flatten, MaxPooling2D, input);
