import type { CodegenConfig } from '@graphql-codegen/cli';

// The checked-in SDL is the contract: operations that no longer match it fail here, before tsc.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        strictScalars: true,
        scalars: {
          DateTimeISO: 'string',
          LocalDate: 'string',
          JSONObject: 'Record<string, unknown>',
        },
        enumsAsTypes: true,
        useTypeImports: true,
        onlyOperationTypes: true,
        skipTypename: true,
      },
    },
  },
};

export default config;
