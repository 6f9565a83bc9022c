import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../electron/core/spec/read-spec.js';
import { SPEC_FIELDS } from '../../electron/core/spec/spec-schema.js';

// examples/COURSE-SPEC.md is what Help › Course Spec Reference opens in the app: it must name
// every field the reader accepts, and its examples must be valid specs.

const reference = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'COURSE-SPEC.md'), 'utf8');

describe('the course spec reference', () => {
  it('documents every field the spec reader accepts, and no other', () => {
    const documented = [...reference.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...SPEC_FIELDS].sort());
  });

  it('shows only examples that are valid specs', () => {
    const examples = [...reference.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(() => parseSpecText(example, 'COURSE-SPEC.md')).not.toThrow();
  });
});
