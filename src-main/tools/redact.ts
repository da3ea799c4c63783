import { basename } from 'node:path';

export const REDACTED = '***';

// Flags whose value may carry a secret: Helm's --set family and any password/token flag.
const SECRET_FLAG =
  /^--(?:set(?:-[\w-]+)?|[\w-]*password[\w-]*|[\w-]*token[\w-]*|[\w-]*secret[\w-]*)$/i;
// Boolean flags that match the names above but take no value.
const VALUELESS_FLAGS = new Set(['--password-stdin']);

export interface RedactedArgs {
  args: string[];
  /** the values that were hidden, to scrub from tool output too */
  secrets: string[];
}

export function redactArgs(
  args: readonly string[],
  extraSecrets: readonly string[] = [],
): RedactedArgs {
  const out: string[] = [];
  const secrets: string[] = [...extraSecrets];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!SECRET_FLAG.test(flag) || VALUELESS_FLAGS.has(flag)) {
      out.push(arg);
      continue;
    }
    if (flag !== arg) {
      secrets.push(arg.slice(eq + 1));
      out.push(`${flag}=${REDACTED}`);
    } else if (i + 1 < args.length) {
      secrets.push(args[i + 1] ?? '');
      out.push(arg, REDACTED);
      i++;
    } else {
      out.push(arg);
    }
  }
  return { args: out, secrets: expandSecrets(secrets) };
}

// A --set value is "k1=v1,k2=v2": tools echo single values back, so scrub each value as well.
function expandSecrets(values: string[]): string[] {
  const all = new Set<string>();
  for (const value of values) {
    if (value.length === 0) continue;
    all.add(value);
    for (const pair of value.split(',')) {
      const eq = pair.indexOf('=');
      const v = eq >= 0 ? pair.slice(eq + 1) : pair;
      if (v.length >= 4) all.add(v);
    }
  }
  return [...all].sort((a, b) => b.length - a.length);
}

export function scrub(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  return result;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./*-]+$/.test(arg) ? arg : JSON.stringify(arg);
}

/** `helm upgrade --set ***`: what a log line or an error may show of a command. */
export function describeCommand(file: string, redactedArgs: readonly string[]): string {
  return [basename(file), ...redactedArgs].map(quote).join(' ');
}
