/**
 * The fingerprint of what `npm run claims` and `npm run sweep` measure: a hash of the engine's
 * source that a result depends on and of every configuration it ran. When either changes, the
 * committed result is stale, and its test says so.
 *
 * "The source a result depends on" is the entry module that computes it (labs/measure.ts, or a
 * study's run.ts) and every module of src/model it imports, directly or not: a new analysis module, or
 * a change to the worker, does not make the committed results stale, while any change to the
 * network, its training or its data does. Test files and `testing*` helpers never count.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  CLAIM_SEEDS,
  EXTRA_RUNS,
  extraConfig,
  HELD_OUT_SEEDS,
  heroConfig,
  HERO_DEPTHS,
  sweepConfigs,
  vanishingDepthConfigs,
  type ExtraId,
} from '../src/model/labs/claims';
import { allPresets } from '../src/model/labs/presets';
import { STUDIES, STUDY_IDS, type StudyId } from '../src/model/studies';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'src/model');

/**
 * The entry modules of the committed results, relative to the repository: the claims', and each
 * study's (the registry's `entry`).
 */
export const ENTRIES: { readonly claims: string } & { readonly [K in StudyId]: string } = {
  claims: 'src/model/labs/measure.ts',
  ...(Object.fromEntries(STUDY_IDS.map((id) => [id, STUDIES[id].entry])) as Record<
    StudyId,
    string
  >),
};

/** Relative imports of a module's source: `from './x'`, `import './x'`, `import('./x')`. */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:from\s+|import\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[1]!);
  return out;
}

/** The file a relative import names: x.ts, x/index.ts, or x itself (e.g. a .json). */
function resolveImport(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base])
    if (existsSync(candidate) && /\.(ts|json)$/.test(candidate)) return candidate;
  return null;
}

/**
 * The engine files `entry` depends on: itself and every module of src/model it imports,
 * transitively, sorted, as paths relative to the repository. JSON it imports (e.g. a data set's
 * table) counts too; results it imports (claims.json) do not.
 */
export function engineFiles(entry: string = ENTRIES.claims): string[] {
  const seen = new Set<string>();
  const visit = (abs: string) => {
    if (seen.has(abs) || !abs.startsWith(MODEL) || /\.test\.ts$/.test(abs)) return;
    if (abs.endsWith('claims.json')) return;
    seen.add(abs);
    if (!abs.endsWith('.ts')) return;
    for (const spec of importsOf(readFileSync(abs, 'utf8'))) {
      const target = resolveImport(abs, spec);
      if (target) visit(target);
    }
  };
  visit(join(ROOT, entry));
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

/**
 * A module's source as the fingerprint reads it: the JavaScript it runs as (types erased, comments
 * dropped), printed from its syntax tree with the paths of its relative imports blanked. Where a
 * file lives, how others spell the way to it, its comments and its types do not change what it
 * computes; its code, the names it imports and the code of every file it reaches do. JSON counts
 * as written.
 */
export function fingerprintedSource(source: string, file = 'x.ts'): string {
  if (file.endsWith('.json')) return source.replace(/\r\n/g, '\n');
  const js = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      removeComments: true,
      isolatedModules: true,
    },
  }).outputText;
  const parsed = ts.createSourceFile(file, js, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const isRelative = (n: ts.Node | undefined): n is ts.StringLiteral =>
    n !== undefined && ts.isStringLiteral(n) && /^\.{1,2}\//.test(n.text);
  const blankPaths: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const visit = (node: ts.Node): ts.Node => {
      // Erasing a type from `import { a, type B, }` leaves a trailing comma the printer keeps.
      if (ts.isNamedImports(node))
        return context.factory.updateNamedImports(
          node,
          context.factory.createNodeArray([...node.elements]),
        );
      if (ts.isNamedExports(node))
        return context.factory.updateNamedExports(
          node,
          context.factory.createNodeArray([...node.elements]),
        );
      if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        isRelative(node.moduleSpecifier)
      )
        return ts.isImportDeclaration(node)
          ? context.factory.updateImportDeclaration(
              node,
              node.modifiers,
              node.importClause && (ts.visitNode(node.importClause, visit) as ts.ImportClause),
              context.factory.createStringLiteral(''),
              node.attributes,
            )
          : context.factory.updateExportDeclaration(
              node,
              node.modifiers,
              node.isTypeOnly,
              node.exportClause &&
                (ts.visitNode(node.exportClause, visit) as ts.NamedExportBindings),
              context.factory.createStringLiteral(''),
              node.attributes,
            );
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        isRelative(node.arguments[0])
      )
        return context.factory.updateCallExpression(node, node.expression, node.typeArguments, [
          context.factory.createStringLiteral(''),
        ]);
      if (
        ts.isImportTypeNode(node) &&
        ts.isLiteralTypeNode(node.argument) &&
        isRelative(node.argument.literal)
      )
        return context.factory.updateImportTypeNode(
          node,
          context.factory.createLiteralTypeNode(context.factory.createStringLiteral('')),
          node.attributes,
          node.qualifier,
          node.typeArguments,
          node.isTypeOf,
        );
      return ts.visitEachChild(node, visit, context);
    };
    return (sf) => ts.visitNode(sf, visit) as ts.SourceFile;
  };
  const [blanked] = ts.transform(parsed, [blankPaths]).transformed;
  return ts.createPrinter({ removeComments: true }).printFile(blanked!);
}

/**
 * The hashes of files' fingerprinted sources by path and content. The results share most of the
 * engine's files, and one process often fingerprints several (the shipped results' tests share a
 * worker): each file is transpiled once per content, not once per result.
 */
const sourceHashes = new Map<string, string>();
function sourceHash(file: string, source: string): string {
  const key = `${file}\0${source}`;
  let hash = sourceHashes.get(key);
  if (hash === undefined) {
    hash = createHash('sha256').update(fingerprintedSource(source, file)).digest('hex');
    sourceHashes.set(key, hash);
  }
  return hash;
}

/**
 * sha256 over the source `entry` depends on and `configurations` (as JSON). Each file counts by
 * its content alone (see fingerprintedSource), in an order set by that content, so moving or
 * renaming engine files keeps every shipped result's fingerprint, while any change to code that
 * runs makes it stale.
 */
export function engineFingerprint(configurations: unknown, entry: string): string {
  const files = engineFiles(entry)
    .map((f) => sourceHash(f, readFileSync(join(ROOT, f), 'utf8')))
    .sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f + '\0');
  h.update(JSON.stringify(configurations));
  return h.digest('hex');
}

/** sha256 over the engine's source and the claims' configurations. */
export function claimsFingerprint(): string {
  const extras = (Object.keys(EXTRA_RUNS) as ExtraId[]).map(extraConfig);
  return engineFingerprint(
    {
      seeds: CLAIM_SEEDS,
      heldOutSeeds: HELD_OUT_SEEDS,
      presets: allPresets(),
      extras,
      sweep: sweepConfigs(),
      hero: HERO_DEPTHS.flatMap((b) => [heroConfig('identity', b), heroConfig('none', b)]),
      vanishingDepths: vanishingDepthConfigs(),
    },
    ENTRIES.claims,
  );
}
