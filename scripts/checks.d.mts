/** Types of scripts/checks.mjs, which Node runs as it is (no build step before `npm test`). */
export interface Check {
  name: string;
  command: string;
  args: string[];
}
export const CHECKS: Check[];
export function runChecks(
  checks?: Check[],
  cwd?: string,
  write?: (s: string) => void,
): Promise<string[]>;
