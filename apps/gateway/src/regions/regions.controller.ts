import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError, RegionOptionList, RegionOptionListSchema, RegionOptionsQuery } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { ContractInput, openApiSchemaOf } from '../http/contract-input';

/**
 * The Kemendagri region directory, read by the console so that people choose a kecamatan or village by
 * its name rather than type its code. The list is public (idn-area-data, ODbL); served to anyone logged in.
 */
@ApiTags('regions')
@Controller('api/v1/regions')
export class RegionsController {
  constructor(private readonly regions: RegionDirectory) {}

  @Get()
  @ApiOperation({
    summary:
      'The regions one tier below `within` (a regency’s kecamatan, a kecamatan’s villages), by name; 404 for a code not in the directory',
  })
  @ApiOkResponse({ schema: openApiSchemaOf(RegionOptionListSchema, 'output') })
  list(@ContractInput(null, { from: 'query', schema: RegionOptionsQuery }) query: RegionOptionsQuery): RegionOptionList {
    if (!this.regions.get(query.within)) throw new NotFoundError(`Region ${query.within} is not in the directory`);
    const items = this.regions
      .childrenOf(query.within)
      .map(({ code, name, level, villageKind }) => ({ code, name, level, ...(villageKind ? { villageKind } : {}) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'id'));
    return { items };
  }
}
