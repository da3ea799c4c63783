import type { Linter, Rule } from 'eslint';

export const importBoundaries: Rule.RuleModule;
export function boundaryConfigs(root: string): Linter.Config[];
