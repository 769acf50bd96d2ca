import type { InferFields } from './types.js';
import type * as S from './structs.js';

/**
 * Compile-time proof that each written-out struct interface equals what its fields describe: change one
 * without the other and this file stops compiling. Nothing here runs.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fields<T> = T extends { fields: infer F } ? InferFields<F> : never;

export type StructTypesMatch = [
  Same<Fields<typeof S.scheduleInfo>, S.ScheduleInfo>,
  Same<Fields<typeof S.stepInfo>, S.StepInfo>,
  Same<Fields<typeof S.bunchInfo>, S.BunchInfo>,
  Same<Fields<typeof S.taskParameterInfo>, S.TaskParameterInfo>,
  Same<Fields<typeof S.taskInfo>, S.TaskInfoStruct>,
  Same<Fields<typeof S.runInfo>, S.RunInfo>,
  Same<Fields<typeof S.bunchRunDetail>, S.BunchRunDetail>,
  Same<Fields<typeof S.logSlice>, S.LogSlice>,
  Same<Fields<typeof S.userInfo>, S.UserInfo>,
  Same<Fields<typeof S.orgInfo>, S.OrgInfo>,
  Same<Fields<typeof S.settingsInfo>, S.SettingsInfo>,
  Same<Fields<typeof S.auditEntry>, S.AuditEntryInfo>,
  Same<Fields<typeof S.change>, S.ChangeInfo>,
];

export const structTypesMatch: StructTypesMatch = [true, true, true, true, true, true, true, true, true, true, true, true, true];
