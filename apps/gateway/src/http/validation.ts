import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@alur/contracts';
import { unsafeInputErrors } from './unsafe-input';

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
    if (unsafe.length) throw new InvalidInputError(unsafe);
    return value;
  }
}

export function createValidationPipe(): PipeTransform {
  return new UnsafeInputPipe();
}
