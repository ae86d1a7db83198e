// The OpenPBM domain model. One file per domain area; this index is what drizzle-kit reads.
export * from './audit';
export * from './claims';
export * from './clients';
export * from './drugs';
export * from './formularies';
export * from './idempotency';
export * from './members';
export * from './orders';
export * from './pharmacies';
export * from './plans';
export * from './prescribers';
export * from './prescriptions';
export * from './prior-auth';
export * from './users';
