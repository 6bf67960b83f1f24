// Messages of the admin screens (English and Russian side by side).
import type { AreaMessages } from '../types.js';

export const en = {
} as const;

export const ru: AreaMessages<typeof en> = {
};
