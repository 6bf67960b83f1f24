// Tables added by migration 009-documents: the generated invoice PDFs (spec §3.10).
import type { ColumnType, Generated } from 'kysely';

type Int8 = ColumnType<number | string, number, number>;

export interface InvoiceFilesTable {
  id: Generated<number>;
  tenant_id: number;
  /** The invoice it renders; deleting the invoice deletes its files (ON DELETE CASCADE). */
  invoice_id: number;
  /** `"{number}.pdf"`. */
  title: string;
  content_type: string;
  /** The file's bytes: BLOB on SQLite, BYTEA on PostgreSQL (both drivers answer a Buffer). */
  content: ColumnType<Buffer, Uint8Array, Uint8Array>;
  content_length: Int8;
  created_by: string;
  created_at: Int8;
}

export interface DocumentTables {
  invoice_files: InvoiceFilesTable;
}
