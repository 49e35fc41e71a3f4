#!/usr/bin/env node
'use strict';

// Validates the Camunda 7 element templates in ../bpmn/element-templates/*.json
// (or the files given as arguments) with @bpmn-io/element-templates-validator,
// the JSON-schema validator that Camunda Modeler uses, plus a few checks the
// schema cannot express. Exits 1 with readable errors when anything is wrong.
//
//   npm run validate-templates            (from .lint/)
//   node validate-element-templates.js [file.json ...]

const fs = require('node:fs');
const path = require('node:path');
const { validate, getSchemaPackage, getSchemaVersion } = require('@bpmn-io/element-templates-validator');

const TEMPLATE_DIR = path.resolve(__dirname, '..', 'bpmn', 'element-templates');

function templateFiles() {
  const args = process.argv.slice(2);
  if (args.length) {
    return args.map((file) => path.resolve(file));
  }
  if (!fs.existsSync(TEMPLATE_DIR)) {
    return [];
  }
  return fs.readdirSync(TEMPLATE_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => path.join(TEMPLATE_DIR, name));
}

function where(error) {
  const pointer = error.dataPointer && (error.dataPointer.key || error.dataPointer.value);
  const line = pointer ? `line ${pointer.line + 1}, col ${pointer.column + 1}` : 'line ?';
  return `${line} (${error.instancePath || '/'})`;
}

// Checks Camunda Modeler relies on that the JSON schema does not enforce.
function semanticProblems(template) {
  const problems = [];
  const label = (property, index) => `properties/${index} "${property.label || property.binding?.name || '?'}"`;
  const fieldNames = new Set();

  (template.properties || []).forEach((property, index) => {
    const { binding = {}, constraints = {}, type } = property;

    if (binding.type === 'camunda:field') {
      if (fieldNames.has(binding.name)) {
        problems.push(`${label(property, index)}: camunda:field "${binding.name}" is bound twice`);
      }
      fieldNames.add(binding.name);
    }

    if (type === 'Hidden' && property.value === undefined) {
      problems.push(`${label(property, index)}: Hidden property without a value`);
    }

    if (type === 'Dropdown' && property.value !== undefined) {
      const values = (property.choices || []).map((choice) => choice.value);
      if (!values.includes(property.value)) {
        problems.push(`${label(property, index)}: default "${property.value}" is not one of the choices (${values.join(', ')})`);
      }
    }

    let pattern = constraints.pattern;
    if (pattern && typeof pattern === 'object') {
      pattern = pattern.value;
    }
    let regex;
    if (pattern !== undefined) {
      try {
        regex = new RegExp(pattern);
      } catch (err) {
        problems.push(`${label(property, index)}: constraint pattern does not compile: ${err.message}`);
      }
    }

    // A default value must pass the property's own constraints.
    if (typeof property.value === 'string' && type !== 'Hidden') {
      if (constraints.notEmpty && !property.value.trim()) {
        problems.push(`${label(property, index)}: default value is empty but notEmpty is set`);
      }
      if (regex && property.value && !regex.test(property.value)) {
        problems.push(`${label(property, index)}: default "${property.value}" does not match pattern ${pattern}`);
      }
    }
  });

  return problems;
}

function main() {
  const files = templateFiles();
  if (!files.length) {
    console.error(`No element templates found in ${TEMPLATE_DIR}`);
    return 1;
  }

  console.log(`Validating ${files.length} file(s) against ${getSchemaPackage()}@${getSchemaVersion()}`);

  let failed = 0;
  let templateCount = 0;
  const seen = new Map(); // "id@version" -> file

  for (const file of files) {
    const shown = path.relative(process.cwd(), file) || file;
    const problems = [];
    const warnings = [];
    let source;

    try {
      source = fs.readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`cannot read: ${err.message}`);
    }

    if (source !== undefined) {
      const result = validate(source);

      if (!result.object) {
        problems.push(...(result.errors || []).map((err) => `not valid JSON: ${err.message}`));
      } else {
        let errors = result.errors || [];

        // A file holding an array gets two follow-up errors at the root ("must
        // be object", "must match exactly one schema in oneOf") for any error
        // inside it; show them only when they are the only ones.
        if (Array.isArray(result.object) && errors.some((error) => error.instancePath)) {
          errors = errors.filter((error) => error.instancePath || ![ 'type', 'oneOf' ].includes(error.keyword));
        }
        for (const error of errors) {
          problems.push(`${where(error)}: ${error.message}`);
        }
        for (const warning of result.warnings || []) {
          warnings.push(`${where(warning)}: ${warning.message}`);
        }

        const templates = Array.isArray(result.object) ? result.object : [ result.object ];
        templates.forEach((template, index) => {
          if (!template || typeof template !== 'object') {
            return;
          }
          templateCount++;
          const name = `template ${template.id || index}`;

          if (!template.$schema) {
            problems.push(`${name}: no "$schema" (Camunda Modeler uses it to pick Camunda 7 vs 8)`);
          }
          for (const problem of semanticProblems(template)) {
            problems.push(`${name}: ${problem}`);
          }

          const key = `${template.id}@${template.version === undefined ? '(no version)' : template.version}`;
          if (seen.has(key)) {
            problems.push(`${name}: id and version ${key} already defined in ${seen.get(key)}`);
          } else {
            seen.set(key, shown);
          }
        });
      }
    }

    for (const warning of warnings) {
      console.warn(`WARN  ${shown}: ${warning}`);
    }
    if (problems.length) {
      failed++;
      console.error(`FAIL  ${shown}`);
      for (const problem of problems) {
        console.error(`        ${problem}`);
      }
    } else {
      console.log(`ok    ${shown}`);
    }
  }

  if (failed) {
    console.error(`element templates: ${failed} of ${files.length} file(s) invalid`);
    return 1;
  }
  console.log(`element templates: all ${files.length} file(s) valid (${templateCount} template(s))`);
  return 0;
}

process.exitCode = main();
