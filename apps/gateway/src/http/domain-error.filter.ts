import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@alur/contracts';
import { refusalAnswerOf } from '@alur/messaging';

/**
 * A refusal the gateway decides itself (its users, uploads, a malformed input) is answered as a
 * service's refusal would be: the status and body come from the one mapping, `refusalAnswerOf`.
 */
@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter {
  catch(refusal: DomainError, host: ArgumentsHost): void {
    const { status, body } = refusalAnswerOf(refusal);
    const response = host.switchToHttp().getResponse<{ headersSent?: boolean; status(code: number): { json(body: unknown): void } }>();
    if (!response.headersSent) response.status(status).json(body);
  }
}
