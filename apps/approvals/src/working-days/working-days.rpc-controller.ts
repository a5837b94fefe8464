import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AddHoliday, ListHolidays, RemoveHoliday, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { AddHolidayUseCase } from './use-cases/add-holiday.use-case';
import { ListHolidaysUseCase } from './use-cases/list-holidays.use-case';
import { RemoveHolidayUseCase } from './use-cases/remove-holiday.use-case';

/** The regency's holidays, which the working-day deadlines skip. */
@Controller()
export class WorkingDaysRpcController {
  constructor(
    private readonly addHoliday: AddHolidayUseCase,
    private readonly removeHoliday: RemoveHolidayUseCase,
    private readonly holidays: ListHolidaysUseCase,
  ) {}

  @AnswersRequest(AddHoliday)
  addWorkingCalendarHoliday(@Payload() request: RpcRequest<RequestOf<typeof AddHoliday>>) {
    return this.addHoliday.execute(actorOf(request), request.data);
  }

  @AnswersRequest(RemoveHoliday)
  removeWorkingCalendarHoliday(@Payload() request: RpcRequest<RequestOf<typeof RemoveHoliday>>) {
    return this.removeHoliday.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListHolidays)
  listHolidays(@Payload() request: RpcRequest<RequestOf<typeof ListHolidays>>) {
    return this.holidays.execute(request.data);
  }
}
