export type ScheduleErrorCode =
  | 'INVALID_CRON'
  | 'INVALID_TIME_ZONE'
  | 'NO_TRIGGER'
  | 'TWO_TRIGGERS'
  | 'NO_SOURCE'
  | 'TWO_SOURCES'
  | 'FOLDER_NOT_FOUND'
  | 'NOT_A_FOLDER'
  | 'SPEC_NOT_FOUND'
  | 'ON_CHANGE_NEEDS_FOLDER'
  | 'INVALID_NAME'
  | 'NAME_TAKEN'
  | 'SCHEDULE_NOT_FOUND';

/** Which part of a schedule a problem is in (the CLI names the flag, a form the field). */
export type ScheduleField = 'name' | 'cron' | 'timeZone' | 'onChange' | 'folder' | 'specFiles';

/** A schedule that cannot be made or found: what is wrong (`problem`) and how to fix it (`hint`). */
export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    readonly field: ScheduleField,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(`${problem}: ${hint}`);
    this.name = this.constructor.name;
  }
}
