/**
 * A small, strict JSON Schema (draft 2020-12) validator for the keywords our generated schemas use.
 * An unknown keyword is an error (so a schema we cannot check fails loudly instead of passing).
 * The project has no JSON Schema library; this keeps the tests from validating with zod itself.
 */
type Schema = Record<string, unknown> | boolean;

const ANNOTATIONS = new Set(['$schema', '$id', 'description', 'title', 'default', 'examples', '$comment', 'id']);

export interface SchemaError {
  path: string;
  message: string;
}

export function validate(schema: Schema, value: unknown): SchemaError[] {
  const root = schema;
  const errors: SchemaError[] = [];

  const typeOf = (v: unknown): string => {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
    return typeof v;
  };
  const typeMatches = (t: string, v: unknown) => {
    const actual = typeOf(v);
    return t === actual || (t === 'number' && actual === 'integer');
  };
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    }
    return node as Schema;
  };

  const check = (s: Schema, v: unknown, at: string): boolean => {
    const before = errors.length;
    const fail = (message: string) => errors.push({ path: at || '/', message });
    if (s === true) return true;
    if (s === false) {
      fail('no value allowed');
      return false;
    }
    for (const [k, rule] of Object.entries(s)) {
      if (ANNOTATIONS.has(k) || k === '$defs' || k === 'definitions') continue;
      switch (k) {
        case '$ref':
          check(resolve(rule as string), v, at);
          break;
        case 'type': {
          const types = Array.isArray(rule) ? (rule as string[]) : [rule as string];
          if (!types.some((t) => typeMatches(t, v))) fail(`expected ${types.join('|')}, got ${typeOf(v)}`);
          break;
        }
        case 'const':
          if (JSON.stringify(v) !== JSON.stringify(rule)) fail(`expected ${JSON.stringify(rule)}`);
          break;
        case 'enum':
          if (!(rule as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(v))) fail(`not one of ${JSON.stringify(rule)}`);
          break;
        case 'minimum':
          if (typeof v === 'number' && v < (rule as number)) fail(`below minimum ${rule}`);
          break;
        case 'maximum':
          if (typeof v === 'number' && v > (rule as number)) fail(`above maximum ${rule}`);
          break;
        case 'exclusiveMinimum':
          if (typeof v === 'number' && v <= (rule as number)) fail(`not above ${rule}`);
          break;
        case 'exclusiveMaximum':
          if (typeof v === 'number' && v >= (rule as number)) fail(`not below ${rule}`);
          break;
        case 'pattern':
          if (typeof v === 'string' && !new RegExp(rule as string, 'u').test(v)) fail(`does not match ${rule}`);
          break;
        case 'minLength':
          if (typeof v === 'string' && [...v].length < (rule as number)) fail(`shorter than ${rule}`);
          break;
        case 'maxLength':
          if (typeof v === 'string' && [...v].length > (rule as number)) fail(`longer than ${rule}`);
          break;
        case 'minItems':
          if (Array.isArray(v) && v.length < (rule as number)) fail(`fewer than ${rule} items`);
          break;
        case 'maxItems':
          if (Array.isArray(v) && v.length > (rule as number)) fail(`more than ${rule} items`);
          break;
        case 'prefixItems':
          if (Array.isArray(v)) (rule as Schema[]).forEach((item, i) => i < v.length && check(item, v[i], `${at}/${i}`));
          break;
        case 'items':
          if (Array.isArray(v)) {
            const start = Array.isArray(s.prefixItems) ? (s.prefixItems as unknown[]).length : 0;
            for (let i = start; i < v.length; i++) check(rule as Schema, v[i], `${at}/${i}`);
          }
          break;
        case 'properties':
          if (typeOf(v) === 'object') {
            for (const [name, sub] of Object.entries(rule as Record<string, Schema>)) {
              if (Object.hasOwn(v as object, name)) check(sub, (v as Record<string, unknown>)[name], `${at}/${name}`);
            }
          }
          break;
        case 'required':
          if (typeOf(v) === 'object') for (const name of rule as string[]) if (!Object.hasOwn(v as object, name)) fail(`missing property "${name}"`);
          break;
        case 'additionalProperties':
          if (typeOf(v) === 'object') {
            const known = new Set(Object.keys((s.properties as object) ?? {}));
            for (const [name, sub] of Object.entries(v as Record<string, unknown>)) {
              if (known.has(name)) continue;
              if (rule === false) fail(`unexpected property "${name}"`);
              else check(rule as Schema, sub, `${at}/${name}`);
            }
          }
          break;
        case 'propertyNames':
          if (typeOf(v) === 'object') for (const name of Object.keys(v as object)) check(rule as Schema, name, `${at}/${name}`);
          break;
        case 'anyOf':
          if (!(rule as Schema[]).some((sub) => quietly(sub, v, at))) fail('matches none of anyOf');
          break;
        case 'oneOf': {
          const n = (rule as Schema[]).filter((sub) => quietly(sub, v, at)).length;
          if (n !== 1) fail(`matches ${n} of oneOf`);
          break;
        }
        case 'allOf':
          for (const sub of rule as Schema[]) check(sub, v, at);
          break;
        default:
          throw new Error(`json-schema test validator: unsupported keyword "${k}" at ${at || '/'}`);
      }
    }
    return errors.length === before;
  };

  /** Whether v matches s, leaving no errors behind. */
  const quietly = (s: Schema, v: unknown, at: string): boolean => {
    const saved = errors.length;
    const ok = check(s, v, at);
    errors.length = saved;
    return ok;
  };

  check(schema, value, '');
  return errors;
}
