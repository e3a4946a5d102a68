import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod for every schema of the product: `zod/mini` (functions, not methods), which a bundle carries
 * in about 20 kB where classic zod costs about 95 kB in every function (its classes reference every
 * method and the JSON Schema processors, which tree shaking cannot drop). Classic zod loads the
 * English messages at import; mini loads none, so they are loaded here (3 kB) and every issue
 * without a message of ours reads as before. Import it as a namespace, `import * as z from
 * './zod.js'`; Biome refuses `zod` and `zod/mini` anywhere else (README "Cold start", ADR 0021).
 */
z.config(en());

export * from 'zod/mini';

/**
 * In a transform, what classic zod's `ctx.addIssue({ code: 'custom', message, path })` did: an
 * issue with our message, the input it is about, and the path below the transform's place.
 */
export function customIssue(ctx: z.core.ParsePayload, message: string, path?: PropertyKey[]): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, ...(path ? { path } : {}) });
}
