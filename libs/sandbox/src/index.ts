// The sandbox: containers built from the judge images, driven through the in-image runner, and warm pools.
export * from './container-spec';
export * from './protocol';
export * from './sandbox';
export * from './sandbox-pool';
