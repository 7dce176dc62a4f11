// What only zod's own code contains: how a test finds zod in a bundle, whatever the bundler
// named the chunk (Rollup names a chunk after one of its modules, zod may sit in a schema's).
export const ZOD_CODE = /\$ZodType|jitless/;
