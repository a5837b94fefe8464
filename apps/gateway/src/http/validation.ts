import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { FieldError, validationFailed } from '@alur/messaging';
import { unsafeInputErrors } from './unsafe-input';

// The gateway answers bad bodies with the same 400 the services give: one shape for every client.
export { validationFailed };
export type { FieldError };

/**
 * The gateway's pipe for any plain body, query or parameter (`@Body()`, `@Query()`, `@Param()`): input
 * too deep or with text no database stores is refused, naming the field. Routes take their input
 * through ContractInput, whose own pipe does this and then validates with the request's schema, so
 * custom parameters pass through; this is the floor under a route that reads its input otherwise.
 */
class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const unsafe = unsafeInputErrors(value, metadata.data ?? '');
    if (unsafe.length) throw validationFailed(unsafe);
    return value;
  }
}

export function createValidationPipe(): PipeTransform {
  return new UnsafeInputPipe();
}
