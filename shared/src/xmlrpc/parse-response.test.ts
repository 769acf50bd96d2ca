import { describe, expect, it } from 'vitest';
import { XmlRpcParseError } from './parse-error.js';
import { parseMethodResponse } from './parse-response.js';

const envelope = (inner: string): string => `<?xml version="1.0"?>\n<methodResponse>${inner}</methodResponse>`;

function refusal(body: string): { code: string; message: string } {
  try {
    parseMethodResponse(body);
  } catch (error) {
    if (error instanceof XmlRpcParseError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('parseMethodResponse', () => {
  it('reads a result and a fault', () => {
    expect(parseMethodResponse(envelope('<params><param><value><i4>3</i4></value></param></params>'))).toEqual({ kind: 'result', value: 3 });
    const fault = '<fault><value><struct><member><name>faultString</name><value>no</value></member><member><name>faultCode</name><value><int>13</int></value></member></struct></value></fault>';
    expect(parseMethodResponse(envelope(fault))).toEqual({ kind: 'fault', faultCode: 13, faultString: 'no' });
  });

  it.each([
    ['no result', '<params></params>', 'malformed', /found <\/params> where <param> was expected/],
    ['two results', '<params><param><value>a</value></param><param><value>b</value></param></params>', 'malformed', /found <param> where <\/params> was expected/],
    ['a fault without its fields', '<fault><value><struct></struct></value></fault>', 'bad-value', /a <fault> must hold a struct with an int faultCode and a string faultString/],
    ['a fault with a string code', '<fault><value><struct><member><name>faultCode</name><value>1</value></member><member><name>faultString</name><value>x</value></member></struct></value></fault>', 'bad-value', /int faultCode/],
    ['an empty response', '', 'malformed', /found <\/methodResponse> where <params> or <fault> was expected/],
  ])('refuses %s', (_name, inner, code, message) => {
    expect(refusal(envelope(inner))).toEqual({ code, message: expect.stringMatching(message) });
  });
});
