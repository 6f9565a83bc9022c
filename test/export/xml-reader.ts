// A small XML reader for the tests: it throws on what is not well-formed XML and returns the tree.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

function decodeEntities(text: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bare & in ${JSON.stringify(text.slice(0, 60))}`);
  if (/</.test(text)) throw new Error(`bare < in ${JSON.stringify(text.slice(0, 60))}`);
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!,
  );
}

export function parseXml(source: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(source)) throw new Error('a character XML 1.0 forbids');
  let i = 0;
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [] }];
  const top = () => stack[stack.length - 1]!;
  while (i < source.length) {
    if (source.startsWith('<?', i)) i = source.indexOf('?>', i) + 2;
    else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (source.slice(i + 4, end).includes('--')) throw new Error('-- inside a comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i);
      if (end < 0) throw new Error('unclosed CDATA');
      top().children.push(source.slice(i + 9, end));
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      const name = source.slice(i + 2, end).trim();
      const open = stack.pop()!;
      if (open.name !== name) throw new Error(`</${name}> closes <${open.name}>`);
      i = end + 1;
    } else if (source[i] === '<') {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/.exec(source.slice(i));
      if (!match) throw new Error(`bad tag at ${JSON.stringify(source.slice(i, i + 60))}`);
      const attributes: Record<string, string> = {};
      for (const [, k, v] of match[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/g)) attributes[k!] = decodeEntities(v!);
      const element: XmlElement = { name: match[1]!, attributes, children: [] };
      top().children.push(element);
      if (!match[3]) stack.push(element);
      i += match[0].length;
    } else {
      const end = source.indexOf('<', i) < 0 ? source.length : source.indexOf('<', i);
      const text = decodeEntities(source.slice(i, end));
      if (stack.length === 1 && text.trim()) throw new Error('text outside the root element');
      top().children.push(text);
      i = end;
    }
  }
  if (stack.length !== 1) throw new Error(`<${top().name}> is never closed`);
  const roots = stack[0]!.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (roots.length !== 1) throw new Error('one root element');
  return roots[0]!;
}

export const elements = (e: XmlElement, name: string) => e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
export const child = (e: XmlElement, name: string) => elements(e, name)[0]!;
export const textOf = (e: XmlElement): string => e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
