/**
 * The XML-RPC codec: a parser for the restricted XML that XML-RPC uses (no DOCTYPE, no entities, bounded by
 * `ParseLimits`) and a string-building serializer. No HTTP here: the transport reads the body (refusing it by
 * size first), calls `parseMethodCall`, and writes what `serializeMethodResponse` or `serializeFault` return.
 */
export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse-limits.js';
export { XmlRpcParseError, type XmlRpcParseErrorCode } from './parse-error.js';
export { parseMethodCall, type MethodCall } from './parse-request.js';
export { parseMethodResponse, type MethodResponse } from './parse-response.js';
export { serializeFault, serializeMethodCall, serializeMethodResponse, XmlRpcSerializeError } from './serialize.js';
export { escapeXmlText } from './xml-escape.js';
export { formatDateTime } from './format-date-time.js';
export { isMethodName } from './method-name.js';
export {
  createStruct,
  isXmlRpcStruct,
  type ResultStruct,
  type ResultValue,
  type XmlRpcArray,
  type XmlRpcStruct,
  type XmlRpcValue,
} from './xmlrpc-value.js';
