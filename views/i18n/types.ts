/** The shape a feature file of another locale must have: exactly the keys of the zh-CN feature file, each a
 *  string. `export const shopMessages = { ... } satisfies Catalogue<typeof zh>;` (zh = the zh-CN file's
 *  export) makes tsc name any missing or extra key; the placeholders are checked by catalogue.node.test.ts. */
export type Catalogue<T> = { readonly [K in keyof T]: string };
