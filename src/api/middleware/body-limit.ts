/** Caps request bodies (Content-Length and streamed), answering 413 in the API's error shape. */
import { bodyLimit } from 'hono/body-limit';
import { ERROR_TEXT } from '../../messages.ts';
import { errorResponse } from '../errors.ts';

export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) => errorResponse(c, 413, 'body-too-large', ERROR_TEXT.bodyTooLarge(maxSize)),
  });
}
