/**
 * What the command-line scripts share in reading their arguments: node:util's parseArgs and a zod schema, with
 * every mistake turned into a UsageError (exit 2 and "Run with --help", in each script's error handler).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export class UsageError extends Error {}

/** parseArgs (strict) whose errors are UsageErrors; `-h`/`--help` is added to the options. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O & {
        help: { type: 'boolean'; short: 'h' };
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The values checked against the schema; a failure names each field (`--name: reason`, one per line). */
export function checkOptions<S extends z.ZodType>(schema: S, values: unknown, prefix = '--'): z.infer<S> {
  const checked = schema.safeParse(values);
  if (checked.success) return checked.data;
  throw new UsageError(
    checked.error.issues.map((i) => `${prefix}${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n'),
  );
}
