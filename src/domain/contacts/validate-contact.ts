// Validation of new persons and companies (spec §6.1, §6.2; quirks Q32, Q37).
import { invalid } from '../errors.js';
import type { ShareType } from './contact.js';

/** The original's varchar(255) name columns (quirk Q32: longer input is a 400 here). */
export const NAME_MAX_LENGTH = 255;

interface CommonInput {
  about?: string;
  shareType?: number;
  managerList?: string[];
}

export interface PersonInput extends CommonInput {
  firstName?: string;
  lastName?: string;
  jobTitle?: string;
  companyId?: number;
}

export interface CompanyInput extends CommonInput {
  companyName?: string;
  personList?: number[];
}

interface NewContactCommon {
  about: string;
  shareType: ShareType;
  /** Users for the access list, without duplicates. */
  managers: string[];
}

export interface NewPersonContact extends NewContactCommon {
  firstName: string;
  lastName: string;
  title: string;
  /** 0 = no company. */
  companyId: number;
}

export interface NewCompanyContact extends NewContactCommon {
  companyName: string;
  /** Candidate persons to link; unknown or unreadable ones are skipped (spec §6.2). */
  personIds: number[];
}

function nameLike(name: string, value: string | undefined): string {
  const v = (value ?? '').trim();
  if (v.length > NAME_MAX_LENGTH) throw invalid(`${name}: at most ${NAME_MAX_LENGTH} characters (got ${v.length})`);
  return v;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined) throw invalid(`${name}: is required`);
  const v = nameLike(name, value);
  if (v === '') throw invalid(`${name}: must not be empty`);
  return v;
}

function common(input: CommonInput): NewContactCommon {
  const shareType = input.shareType ?? 0;
  if (shareType !== 0 && shareType !== 1 && shareType !== 2)
    throw invalid(`shareType: ${shareType} is not a share type (0 None, 1 ReadWrite, 2 Read)`);
  return { about: input.about ?? '', shareType, managers: [...new Set(input.managerList ?? [])] };
}

// spec §6.1 and Q37: firstName required non-empty after trimming; a missing lastName is "".
export function validateNewPerson(input: PersonInput): NewPersonContact {
  const firstName = required('firstName', input.firstName);
  return {
    firstName,
    lastName: nameLike('lastName', input.lastName),
    title: nameLike('jobTitle', input.jobTitle),
    companyId: input.companyId && input.companyId > 0 ? input.companyId : 0,
    ...common(input),
  };
}

// spec §6.2: companyName required non-empty after trimming.
export function validateNewCompany(input: CompanyInput): NewCompanyContact {
  return {
    companyName: required('companyName', input.companyName),
    personIds: [...new Set((input.personList ?? []).filter((id) => id > 0))],
    ...common(input),
  };
}
