import fc from 'fast-check'

/** Characters that break naive text handling: NUL and other C0/C1 controls, bidi, BOM, lone surrogates. */
export const CONTROL_CHARS = ['\u0000', '\u0001', '\b', '\u001b', '\u001f', '\u007f', '\u0085', '\u200b', '\u202e', '\ufeff', '\ud800', '\udfff']

/** Strings that look like numbers to one parser and not to another. */
const NUMBERISH = ['', ' ', '-0', '1e309', '-1e309', 'NaN', 'Infinity', '0x1F', '1_000', '１２', '١٢٣', '9'.repeat(400), '1.5', '-1', '2147483648', '9007199254740993']

/** Ids that are almost ids. */
const MALFORMED_IDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '{5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11}',
  '5b6f0c1e8a554f1e9a432f7c9d1e0b11',
  '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b1',
  '5b6f0c1e-8a55-4f1e-9a43-2f7c9d1e0b11-00',
  'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz',
  '1',
  '-1',
  'null',
  'undefined',
]

const HOSTILE = ["' OR 1=1 --", '"; DROP TABLE users; --', '../../../etc/passwd', '%00', '%', '%zz', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '\\', '\\u0000', '🙂'.repeat(50), 'ﷺ'.repeat(20), 'e\u0301'.repeat(30)]

/** A text value no endpoint should choke on: unicode, controls, numberish, hostile, huge, malformed ids. */
export const badString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...CONTROL_CHARS), fc.string({ maxLength: 10 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.constantFrom(...NUMBERISH),
  fc.constantFrom(...MALFORMED_IDS),
  fc.constantFrom(...HOSTILE),
  fc.constantFrom(300, 5_000, 70_000).map((n) => 'x'.repeat(n)),
)

/** Numbers past every sensible range, fractions where integers are expected, and unsafe integers. */
const badNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0.5, 1.5, 1e-9, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21, 1e308, -1e308, Number.MAX_VALUE),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** An object nested `depth` levels deep: {"a":{"a":…}}. */
export function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** Any JSON value where a field of some other type was expected. */
export const badJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: badString, weight: 4 },
  { arbitrary: badNumber, weight: 3 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 1 },
  { arbitrary: fc.constantFrom({}, [], [null], [[]], { '': 1 }, JSON.parse('{"__proto__":{"admin":true}}'), { constructor: { prototype: { x: 1 } } }), weight: 1 },
  { arbitrary: fc.array(fc.oneof(badString, badNumber), { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(badString, badNumber), { maxKeys: 4 }), weight: 1 },
  { arbitrary: fc.constantFrom(10, 500, 1_000).map(nested), weight: 1 },
  { arbitrary: fc.constantFrom(1_000, 50_000).map((n) => Array.from({ length: n }, (_, i) => i)), weight: 1 },
)

/** Request bodies that are not JSON, or JSON that a parser may hate. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '{"a":', '{"a":1,}', "{'a':1}", '[1,2', 'nul', 'undefined', '\ufeff{}', '{"a":1}{"b":2}', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '1e999999'),
  fc.constantFrom(2_000, 20_000).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.constantFrom(2_000, 20_000).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 60 }),
)
