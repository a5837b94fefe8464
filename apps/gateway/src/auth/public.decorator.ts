import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

export const IS_PUBLIC = 'alur:isPublic';

/**
 * Marks a route (or a whole controller) as open to callers who have not logged in. In the OpenAPI
 * description its security requirement becomes `[{}]`: no token needed.
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));
