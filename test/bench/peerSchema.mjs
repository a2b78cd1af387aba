// A JSON Schema of .wslconfig derived from our key catalogue, so the YAML peer server does comparable
// work: validation of every key and value, completion of keys and enum values, hover documentation.
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  bool: { type: 'boolean' },
  int: { type: 'integer' },
  ms: { type: 'integer' },
  mem: { type: ['string', 'integer'], pattern: '^[0-9]+ *([KkMmGgTt]?[Bb]?)$' },
  ipv4: { type: 'string', pattern: '^[0-9]{1,3}(\\.[0-9]{1,3}){3}$' },
  mac: { type: 'string', pattern: '^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$' },
  portList: { type: ['string', 'integer'], pattern: '^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$' },
  path: { type: 'string' },
  string: { type: 'string' },
};

function keySchema(key) {
  const base =
    key.type === 'enum'
      ? {
          enum: (key.values ?? [])
            .flatMap((v) => [v.name, v.name.toLowerCase()])
            .filter((v, i, a) => a.indexOf(v) === i),
        }
      : { ...TYPES[key.type] };
  return { ...base, description: key.description, markdownDescription: key.description, default: key.example };
}

/** Writes the schema of `.wslconfig` to `file` and returns its file:// URI. */
export function writeWslconfigSchema(repoRoot, file) {
  const catalogue = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas', 'wslconfig.json'), 'utf8'));
  const properties = {};
  for (const section of catalogue.sections) {
    const keys = {};
    for (const key of catalogue.keys.filter(
      (k) => k.section === section.name || (k.aliasSections ?? []).includes(section.name),
    )) {
      keys[key.name] = keySchema(key);
      // WSL matches names case-insensitively; the common all-lowercase spelling is accepted too.
      if (key.name.toLowerCase() !== key.name) keys[key.name.toLowerCase()] = keySchema(key);
    }
    properties[section.name] = {
      type: 'object',
      description: section.description,
      markdownDescription: section.description,
      properties: keys,
      additionalProperties: false,
    };
  }
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.wslconfig',
    type: 'object',
    properties,
    additionalProperties: false,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(schema, null, 2));
  return `file://${file}`;
}
