// The English catalogue: every area's messages merged. Ids are unique across areas (a test checks).
import * as admin from './areas/admin.js';
import * as editor from './areas/editor.js';
import * as invoices from './areas/invoices.js';
import * as shell from './areas/shell.js';
import type { Message } from './types.js';

export const AREAS = { shell, invoices, editor, admin };

export const en = { ...shell.en, ...invoices.en, ...editor.en, ...admin.en };

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, Message>;
