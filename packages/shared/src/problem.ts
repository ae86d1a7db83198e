import { z } from 'zod';

/** RFC 9457 problem details, with field-level errors. */
export const fieldError = z.object({ field: z.string(), message: z.string() });
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(fieldError).optional(),
});
export type Problem = z.infer<typeof problem>;
export type FieldError = z.infer<typeof fieldError>;
