// A namespace import: the bundle's banner declares its own createRequire (infra/bundling.ts).
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DependencyUnavailableError } from './errors.js';

/**
 * HTML character references (`&eacute;`, `&#74;`, `&commat;`) in free text are decoded before the
 * privacy guard looks at it, so a name or an address cannot hide behind them. The decoder is the
 * `entities` library; its table of 2,231 names is 52 kB that a container would otherwise build at
 * every cold start, while few texts hold a reference at all. So forms/build.ts bundles the library
 * into forms/generated/html-entities.cjs, the CDK puts that file beside the code of the functions
 * that check free text (PACKAGED_FILES), and it is loaded at the first text that holds a reference
 * (docs/adr/0024-cold-start-as-deployed.md).
 *
 * Like the word lists, it fails closed: a missing or broken file makes every text with a reference
 * a DependencyUnavailableError (503, nothing stored), tried again at the next text.
 */
export const HTML_ENTITIES_FILE_NAME = 'html-entities.cjs';

export const htmlEntitiesFile = (): string =>
  process.env.LAMBDA_TASK_ROOT
    ? join(process.env.LAMBDA_TASK_ROOT, HTML_ENTITIES_FILE_NAME)
    : fileURLToPath(new URL(`../../forms/generated/${HTML_ENTITIES_FILE_NAME}`, import.meta.url));

type Decode = (text: string) => string;

/** Loads the decoder from a file and checks that it decodes; throws DependencyUnavailableError if not. */
export function loadHtmlDecoder(file = htmlEntitiesFile()): Decode {
  try {
    const { decodeHTML } = nodeModule.createRequire(import.meta.url)(file) as { decodeHTML?: unknown };
    if (typeof decodeHTML !== 'function') throw new Error(`${file} has no decodeHTML`);
    const decode = decodeHTML as Decode;
    if (decode('&commat;&#74;&eacute;&amp') !== '@Jé&') throw new Error(`${file} does not decode`);
    return decode;
  } catch (error) {
    throw new DependencyUnavailableError('html-entities', { cause: error });
  }
}

let decoder: Decode | undefined;
let source: () => Decode = () => loadHtmlDecoder();

/** Tests point the loader elsewhere to prove the guard fails closed; loaded again at the next use. */
export function useHtmlDecoder(load: () => Decode = () => loadHtmlDecoder()): void {
  source = load;
  decoder = undefined;
}

/** Decodes HTML character references as a browser does (the `entities` library, strict HTML5). */
export function decodeHtml(text: string): string {
  decoder ??= source();
  return decoder(text);
}
