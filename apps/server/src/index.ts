export { buildApp } from './app';
export type { AppDeps } from './app-deps';
export { startOpenPbm } from './startup';
