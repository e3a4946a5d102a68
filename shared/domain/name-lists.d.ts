// The single lists of @zxcvbn-ts/language-nl-be, imported one by one so bundles leave out the
// package's large Wikipedia word list, which the privacy guard does not use.
declare module '@zxcvbn-ts/language-nl-be/dist/boysFirstnames.json.js' {
  const list: string[];
  export default list;
}
declare module '@zxcvbn-ts/language-nl-be/dist/girlsFirstnames.json.js' {
  const list: string[];
  export default list;
}
declare module '@zxcvbn-ts/language-nl-be/dist/lastnames.json.js' {
  const list: string[];
  export default list;
}
declare module '@zxcvbn-ts/language-nl-be/dist/commonWords.json.js' {
  const list: string[];
  export default list;
}
