import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arr, oneOfValues, str } from './schema';

/** GET /submissions/{id}/sarif: the log @bastion/security's toSarif writes; the example is a real one, trimmed to one finding. */
export const SARIF_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'A SARIF 2.1.0 log: one run, a rule per ruleId (help URI: its CWE entry), a result per finding, and the CWE taxonomy',
  required: ['$schema', 'version', 'runs'],
  properties: {
    $schema: str(undefined, { format: 'uri' }),
    version: oneOfValues(['2.1.0']),
    runs: arr({ type: 'object' }),
  },
  example: {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bastion',
            rules: [
              {
                id: 'c-gets',
                shortDescription: { text: 'gets() reads a line of any length into a fixed buffer (removed in C11)' },
                fullDescription: { text: 'CWE-242: Use of Inherently Dangerous Function' },
                helpUri: 'https://cwe.mitre.org/data/definitions/242.html',
                help: { text: 'Use fgets(buf, sizeof buf, stdin) and strip the trailing newline.' },
                defaultConfiguration: { level: 'error' },
                relationships: [
                  { target: { id: '242', index: 0, toolComponent: { name: 'CWE' } }, kinds: ['superset'] },
                ],
                properties: { tags: ['security', 'CWE-242'], 'security-severity': '9.5', cwe: 'CWE-242' },
              },
            ],
            supportedTaxonomies: [{ name: 'CWE' }],
          },
        },
        taxonomies: [
          {
            name: 'CWE',
            organization: 'MITRE',
            informationUri: 'https://cwe.mitre.org/',
            shortDescription: { text: 'The MITRE Common Weakness Enumeration' },
            taxa: [
              {
                id: '242',
                name: 'Use of Inherently Dangerous Function',
                shortDescription: { text: 'CWE-242: Use of Inherently Dangerous Function' },
                helpUri: 'https://cwe.mitre.org/data/definitions/242.html',
              },
            ],
          },
        ],
        results: [
          {
            ruleId: 'c-gets',
            ruleIndex: 0,
            level: 'error',
            message: { text: 'gets() reads a line of any length into a fixed buffer (removed in C11)' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'main.c' },
                  region: { startLine: 4, startColumn: 3 },
                },
              },
            ],
            taxa: [{ id: '242', index: 0, toolComponent: { name: 'CWE' } }],
            properties: {
              cwe: 'CWE-242',
              severity: 'critical',
              fixHint: 'Use fgets(buf, sizeof buf, stdin) and strip the trailing newline.',
              tools: ['ast-grep'],
              'security-severity': '9.5',
            },
          },
        ],
      },
    ],
  },
};
