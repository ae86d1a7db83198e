// The prescriber portal's side of secure messaging with patients (the routes are shared with the member's side).
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps';
import { requireRole } from '../identity/authorize';
import { registerThreadRoutes } from './thread-routes';

export function registerPrescriberMessageRoutes(root: FastifyInstance, deps: AppDeps): void {
  registerThreadRoutes(root, deps, {
    side: 'prescriber',
    prefix: '/prescriber/threads',
    guard: requireRole('prescriber'),
    tags: ['prescriber messages'],
    listSummary: 'Conversations with patients',
    replySummary: 'Answer the patient',
  });
}
