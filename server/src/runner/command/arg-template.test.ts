import type { TaskParameter } from '@taskomatic/shared';
import { describe, expect, it } from 'vitest';
import { checkTemplate, literalArg, renderArgs } from './arg-template.js';

const declared: ReadonlyArray<TaskParameter> = [
  { name: 'channel', type: 'string', required: false },
  { name: 'count', type: 'integer', required: false },
  { name: 'dry-run', type: 'boolean', required: false },
];

describe('renderArgs', () => {
  it('replaces placeholders by the values as text', () => {
    expect(renderArgs(['--channel', '{channel}', '--count={count}', 'x{dry-run}'], { channel: 'a b', count: 3, 'dry-run': false })).toEqual(
      ['--channel', 'a b', '--count=3', 'xfalse'],
    );
  });

  it('drops an element whose optional parameter has no value', () => {
    expect(renderArgs(['sync', '--channel={channel}', '--count', '{count}'], { count: 7 })).toEqual(['sync', '--count', '7']);
  });

  it('renders a conditional only when the boolean is true', () => {
    const template = ['{dry-run?--dry-run}', 'go'];
    expect(renderArgs(template, { 'dry-run': true })).toEqual(['--dry-run', 'go']);
    expect(renderArgs(template, { 'dry-run': false })).toEqual(['go']);
    expect(renderArgs(template, {})).toEqual(['go']);
  });

  it('reads doubled braces as literal braces', () => {
    expect(renderArgs(['{{channel}}', '{{{channel}}}', 'a}}b'], { channel: 'c' })).toEqual(['{channel}', '{c}', 'a}b']);
  });

  it('keeps a value as one argument, whatever it holds', () => {
    const value = `a b "q" 'q' $(rm -rf /) ; | & \`id\` *`;
    expect(renderArgs(['{channel}'], { channel: value })).toEqual([value]);
  });

  it('renders a literal argument as it is', () => {
    const path = '/opt/{odd}/dir}/x{';
    expect(() => checkTemplate([literalArg(path)], declared)).not.toThrow();
    expect(renderArgs([literalArg(path), '{channel}'], { channel: 'c' })).toEqual([path, 'c']);
  });

  it('keeps an empty value as an empty argument', () => {
    expect(renderArgs(['{channel}'], { channel: '' })).toEqual(['']);
  });

  it('does not take inherited properties for values', () => {
    expect(renderArgs(['{constructor}'], {})).toEqual([]);
  });

  it('refuses a conditional on a non-boolean value', () => {
    expect(() => renderArgs(['{channel?x}'], { channel: 'a' })).toThrow('{channel?...} needs a boolean value, got "a"');
  });
});

describe('checkTemplate', () => {
  it('accepts a template that uses declared parameters', () => {
    expect(() => checkTemplate(['--channel={channel}', '{dry-run?--dry-run}', '{{literal}}'], declared)).not.toThrow();
  });

  it.each([
    [['ok', '--x={chanel}'], 'argument 2 "--x={chanel}": refers to {chanel}, which is not a declared parameter'],
    [['{count?--count}'], 'argument 1 "{count?--count}": {count?...} needs a boolean parameter, but count is integer'],
    [['{dry-run?}'], "argument 1 \"{dry-run?}\": {dry-run?} renders nothing; write the argument after the '?'"],
    [['{channel'], 'argument 1 "{channel": malformed placeholder at position 1 (write {{ for a literal {)'],
    [['a}'], 'argument 1 "a}": unmatched } at position 2 (write }} for a literal })'],
    [['{ channel }'], 'argument 1 "{ channel }": malformed placeholder at position 1'],
    [['{dry-run?{x}}'], 'argument 1 "{dry-run?{x}}": malformed placeholder'],
  ])('refuses %j', (template, message) => {
    expect(() => checkTemplate(template, declared)).toThrow(message);
  });
});
