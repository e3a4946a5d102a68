// Stands in for zod's locale bundle in the browser build (see forms/build.ts).
export {};
