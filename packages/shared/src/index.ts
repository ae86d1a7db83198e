// API contracts shared by server and web. Node-only modules live under subpaths (e.g. @openpbm/shared/config).
export * from './problem';
