/**
 * Typed reads of the few `trialLens.*` settings the client itself needs. The schema lives in package.json
 * (`contributes.configuration`) and the defaults in server/src/shared/settings.ts, shared with the server.
 */
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient/node';
import { DEFAULT_SETTINGS } from '../../server/src/shared/settings';

export const SETTINGS_SECTION = 'trialLens';

/** Language ids whose documents are sent to the server (`trialLens.languages`). */
export function checkedLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('languages');
  const languages = Array.isArray(configured) ? configured.filter((id): id is string => typeof id === 'string') : [];
  return languages.length > 0 ? languages : [...DEFAULT_SETTINGS.languages];
}

/** Saved files and unsaved (untitled) buffers of the checked languages. */
export function documentSelectorFor(languages: readonly string[]): DocumentSelector {
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}
