// The one policy for requests Bastion makes to addresses users give (webhook callbacks): http(s) only,
// public addresses only unless allowed, resolved once and connected to exactly what was checked.
export * from './address';
export * from './check-url';
export * from './errors';
export * from './post-json';
