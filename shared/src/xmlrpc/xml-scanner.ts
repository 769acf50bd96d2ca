import { failAt, quote } from './parse-error.js';
import type { XmlRpcParseErrorCode } from './parse-error.js';
import { decodeReferences } from './xml-references.js';
import { readDeclaration } from './xml-declaration.js';
import { isXmlSpaceCode } from './xml-space.js';

/** Reports a value that does not fit its type, located at the value being read. */
export type Reject = (code: XmlRpcParseErrorCode, problem: string) => never;

/**
 * A cursor over the restricted XML that XML-RPC uses: elements, attributes (read and ignored), text with the
 * predefined entities and character references, CDATA in text, comments, and the XML declaration at the start.
 * DOCTYPE, entity and other markup declarations and processing instructions are refused where they appear.
 *
 * Every step moves forward through the text with `indexOf` and char codes: no backtracking regex, no lookahead
 * beyond the current construct, so the time is linear in the body. The parser drives it tag by tag; the last tag
 * read is described by the `tag*` fields (kept on the scanner rather than allocated per tag, for speed).
 */
export class XmlScanner {
  readonly text: string;
  position: number;
  /** Name of the last tag read (`value`, `ex:i8`). */
  tagName = '';
  /** True when the last tag was an end tag (`</value>`). */
  tagClosing = false;
  /** True when the last tag was an empty-element tag (`<value/>`). */
  tagEmpty = false;
  /** Offset of the `<` of the last tag read. */
  tagStart = 0;
  /** Offset that `reject` reports: the value being read. */
  valueStart = 0;

  constructor(text: string) {
    this.text = text;
    this.position = readDeclaration(text)?.end ?? 0;
  }

  /** Throws a parse error located at `at` (default: the current position). */
  readonly fail = (code: XmlRpcParseErrorCode, problem: string, at: number = this.position): never =>
    failAt(this.text, at, code, problem);

  /** Throws a parse error located at the value being read (`valueStart`). */
  readonly reject: Reject = (code, problem) => failAt(this.text, this.valueStart, code, problem);

  /**
   * Reads the next tag, passing over whitespace and comments. Text there is refused; `expected` names what the
   * grammar wants at this point, for the message ("<value> or </data>").
   */
  nextTag(expected: string): void {
    this.skipSpace(expected);
    const text = this.text;
    const start = this.position;
    if (start >= text.length) this.fail('malformed', `the body ends where ${expected} was expected`, start);
    let at = start + 1;
    const closing = text.charCodeAt(at) === 0x2f; /* / */
    if (closing) at += 1;
    const nameStart = at;
    while (isNameCharacter(text.charCodeAt(at))) at += 1;
    if (at === nameStart) {
      if (at >= text.length) this.fail('malformed', 'the body ends inside a tag', start);
      this.fail('malformed', `'<' must start a tag (write a literal '<' as &lt;)`, start);
    }
    this.tagName = text.slice(nameStart, at);
    this.tagClosing = closing;
    this.tagStart = start;
    this.position = this.finishTag(at, closing);
  }

  /**
   * Reads `</name>` when it comes next, after whitespace at most, and returns true; otherwise moves nowhere and
   * returns false, and the caller reads the next tag the general way (with its message). This is the common
   * case, and skips slicing the tag name.
   */
  tryClose(name: string): boolean {
    const text = this.text;
    let at = this.position;
    while (isXmlSpaceCode(text.charCodeAt(at))) at += 1;
    const end = at + 2 + name.length;
    if (text.charCodeAt(at) !== 0x3c || text.charCodeAt(at + 1) !== 0x2f || text.charCodeAt(end) !== 0x3e || !text.startsWith(name, at + 2)) {
      return false;
    }
    this.tagName = name;
    this.tagClosing = true;
    this.tagEmpty = false;
    this.tagStart = at;
    this.position = end + 1;
    return true;
  }

  /** Refuses the last tag unless it is the start (or empty-element) tag `<name>`. */
  expectOpen(name: string): void {
    if (this.tagClosing || this.tagName !== name) this.fail('malformed', `found ${this.describeTag()} where <${name}> was expected`, this.tagStart);
  }

  /** Refuses the last tag unless it is the end tag `</name>`. */
  expectClose(name: string): void {
    if (!this.tagClosing || this.tagName !== name) this.fail('malformed', `found ${this.describeTag()} where </${name}> was expected`, this.tagStart);
  }

  /** The last tag as written, for messages. */
  describeTag(): string {
    return this.tagClosing ? `</${this.tagName}>` : this.tagEmpty ? `<${this.tagName}/>` : `<${this.tagName}>`;
  }

  /**
   * Reads character data up to the next tag: text with references decoded, CDATA sections as written, comments
   * dropped. Stops before the tag's `<`.
   */
  readText(): string {
    const text = this.text;
    let result = '';
    let at = this.position;
    for (;;) {
      const lt = text.indexOf('<', at);
      if (lt < 0) this.fail('malformed', 'the body ends in the middle of text', text.length);
      if (lt > at) {
        const raw = text.slice(at, lt);
        result += raw.includes('&') ? decodeReferences(raw, at, this.fail) : raw;
      }
      const next = text.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) {
        if (text.startsWith('<![CDATA[', lt)) {
          const end = text.indexOf(']]>', lt + 9);
          if (end < 0) this.fail('malformed', 'the body ends inside a CDATA section', lt);
          result += text.slice(lt + 9, end);
          at = end + 3;
        } else {
          at = this.skipMarkup(lt, 'text');
        }
        continue;
      }
      if (next === 0x3f /* ? */) this.refuseInstruction(lt);
      this.position = lt;
      return result;
    }
  }

  /** Refuses anything but whitespace and comments from here to the end of the body. */
  finish(after: string): void {
    this.skipSpace('the end of the body');
    if (this.position < this.text.length) {
      this.fail('malformed', `unexpected ${quote(this.text.slice(this.position, this.position + 20))} after ${after}`);
    }
  }

  /** Passes over whitespace and comments; stops at a tag or at the end of the body, refuses anything else. */
  private skipSpace(expected: string): void {
    const text = this.text;
    let at = this.position;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x09) {
        at += 1;
      } else if (code === 0x3c /* < */) {
        const next = text.charCodeAt(at + 1);
        if (next === 0x21 /* ! */) {
          at = this.skipMarkup(at, expected);
          continue;
        }
        if (next === 0x3f /* ? */) this.refuseInstruction(at);
        break;
      } else if (at >= text.length) {
        break;
      } else {
        const excerpt = text.slice(at, at + 41);
        const tag = excerpt.indexOf('<');
        this.fail('malformed', `unexpected text ${quote(tag < 0 ? excerpt : excerpt.slice(0, tag))} where ${expected} was expected`, at);
      }
    }
    this.position = at;
  }

  /** At `<!`: passes over a comment and returns the offset after it; refuses CDATA (when `where` is not text) and declarations. */
  private skipMarkup(at: number, where: string): number {
    const text = this.text;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at + 4);
      if (end < 0) this.fail('malformed', 'the body ends inside a comment', at);
      // The closing `-->` holds a `--`, so this search never runs past the comment.
      if (text.indexOf('--', at + 4) < end) this.fail('malformed', "'--' is not allowed inside a comment", at);
      return end + 3;
    }
    if (text.startsWith('<![CDATA[', at)) this.fail('malformed', `a CDATA section where ${where} was expected (CDATA is read only inside values)`, at);
    if (text.startsWith('<!DOCTYPE', at)) {
      this.fail('entity', 'a DOCTYPE is not accepted: XML-RPC needs none, and entities are never declared, expanded or fetched', at);
    }
    if (text.startsWith('<!ENTITY', at)) this.fail('entity', 'an entity declaration is not accepted: entities are never expanded or fetched', at);
    const letter = text.charCodeAt(at + 2);
    if ((letter >= 0x41 && letter <= 0x5a) || (letter >= 0x61 && letter <= 0x7a)) {
      this.fail('entity', `the markup declaration ${quote(text.slice(at, at + 12))} is not accepted (no DTD is read)`, at);
    }
    return this.fail('malformed', `${quote(text.slice(at, at + 12))} is neither a comment nor a CDATA section`, at);
  }

  /** At `<?`: nothing but the XML declaration at the very start is accepted. */
  private refuseInstruction(at: number): never {
    const text = this.text;
    if (/^<\?xml[\s?]/i.test(text.slice(at, at + 6))) {
      return this.fail('malformed', 'the XML declaration is allowed only at the very start of the body', at);
    }
    return this.fail('entity', `the processing instruction ${quote(text.slice(at, at + 20))} is not accepted`, at);
  }

  /** Reads the attributes (checked, then ignored) and the end of a tag; returns the offset after its `>`. */
  private finishTag(from: number, closing: boolean): number {
    const text = this.text;
    let at = from;
    for (;;) {
      const spaceStart = at;
      while (isXmlSpaceCode(text.charCodeAt(at))) at += 1;
      const code = text.charCodeAt(at);
      if (code === 0x3e /* > */) {
        this.tagEmpty = false;
        return at + 1;
      }
      if (code === 0x2f /* / */ && !closing && text.charCodeAt(at + 1) === 0x3e) {
        this.tagEmpty = true;
        return at + 2;
      }
      if (at >= text.length) this.fail('malformed', `the body ends inside the tag <${closing ? '/' : ''}${this.tagName}>`, at);
      if (closing || at === spaceStart || !isNameCharacter(code)) {
        this.fail('malformed', `unexpected ${quote(text.charAt(at))} in the tag <${closing ? '/' : ''}${this.tagName}>`, at);
      }
      at = this.skipAttribute(at);
    }
  }

  /** Reads `name="value"` (or single quotes); the value must be well-formed, and is dropped. */
  private skipAttribute(start: number): number {
    const text = this.text;
    let at = start;
    while (isNameCharacter(text.charCodeAt(at))) at += 1;
    while (isXmlSpaceCode(text.charCodeAt(at))) at += 1;
    if (text.charCodeAt(at) !== 0x3d /* = */) this.fail('malformed', `an attribute in <${this.tagName}> lacks '="value"'`, at);
    at += 1;
    while (isXmlSpaceCode(text.charCodeAt(at))) at += 1;
    const quoteMark = text.charAt(at);
    if (quoteMark !== '"' && quoteMark !== "'") this.fail('malformed', `an attribute value in <${this.tagName}> must be in quotes`, at);
    const end = text.indexOf(quoteMark, at + 1);
    if (end < 0) this.fail('malformed', `the body ends inside an attribute of <${this.tagName}>`, at);
    const value = text.slice(at + 1, end);
    if (value.includes('<')) this.fail('malformed', `an attribute value in <${this.tagName}> holds '<'`, at);
    if (value.includes('&')) decodeReferences(value, at + 1, this.fail);
    return end + 1;
  }
}

/** True for the characters of the tag names XML-RPC uses: ASCII letters, digits, `.`, `-`, `_`, `:`. */
function isNameCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x3a
  );
}
