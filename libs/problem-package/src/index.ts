// Problem packages in the Kattis format: safe zip reading and parsing into what Bastion stores.
export * from './package-error';
export * from './zip-reader';
export * from './package-yaml';
export * from './kattis-package';
export * from './package-thread';
export * from './kattis-export';
export * from './threads';
