export type { AppDeps } from './app-deps';
export { buildApp } from './app';
export { startOpenPbm } from './startup';
