//! Asking which: the countries, partners, rows, measures or sheets a table holds, the
//! choices offered (countries first, aggregates apart), the answers a selection gives,
//! and narrowing a table's rows by its label columns, one question after another.

use super::super::field::{Choice, Choices, Selection};
use super::super::format::Format;
use super::super::problem::Problem;
use super::super::table::Table;
use super::super::table::header_key;
use super::super::unit::Unit;
use super::{Shaping, cells, columns};

impl Shaping<'_> {
    /// The entities a selection names: `Ok(None)` when it names none (ask).
    pub(super) fn chosen(
        &mut self,
        entities: &[Entity],
        key: &str,
        what: &str,
    ) -> Result<Option<Vec<usize>>, Vec<Problem>> {
        let selection: &Selection = &self.options.selection;
        let mut known: Vec<&str> = self.known_keys.iter().map(String::as_str).collect();
        known.push(key);
        if let Some(message) = selection.unknown_key(&known) {
            return Err(vec![Problem::whole_file(message)]);
        }
        let wanted: Vec<&str> = match selection.values(&[key]) {
            Some(values) => values,
            // A bare value answers the first question asked.
            None => match selection.bare().filter(|_| !self.bare_used) {
                Some(bare) => {
                    self.bare_used = true;
                    bare.split('|').map(str::trim).collect()
                }
                None => return Ok(None),
            },
        };
        let mut picked = Vec::new();
        for value in wanted {
            let folded = value.trim().to_lowercase();
            let Some(index) = entities.iter().position(|entity| {
                entity.name.trim().to_lowercase() == folded
                    || !entity.code.is_empty() && entity.code.trim().to_lowercase() == folded
            }) else {
                let listed: Vec<&str> = entities.iter().take(12).map(|e| e.name.as_str()).collect();
                let more = entities.len().saturating_sub(12);
                let tail = if more > 0 {
                    format!(", … and {more} more")
                } else {
                    String::new()
                };
                return Err(vec![Problem::whole_file(format!(
                    "expected a {} the file holds ({}{tail}), found \"{value}\"",
                    singular_of(what),
                    listed.join(", ")
                ))]);
            };
            if !picked.contains(&index) {
                picked.push(index);
            }
        }
        self.selected = true;
        Ok(Some(picked))
    }

    /// Narrows the rows by their label columns (`labels`): a column with one value is
    /// said and set aside; then, while more series than `max_drawn` would be drawn (or a
    /// column names countries), the user chooses among the values of the next column,
    /// one column after another. Returns each remaining row's name (the values of the
    /// columns that still tell rows apart), or the choice to ask.
    pub(super) fn narrow(
        &mut self,
        table: &mut Table,
        labels: &[usize],
        max_drawn: usize,
        row_per_series: bool,
    ) -> Result<Narrowed, Vec<Problem>> {
        self.skip_total_row(table, labels);
        let code = labels.iter().copied().find(|&index| {
            columns::is_code_header(table.header.get(index).map_or("", String::as_str))
        });
        let dims = text_label_columns(table, labels);
        self.known_keys = dims
            .iter()
            .map(|&dim| selection_key(table.header.get(dim).map_or("", String::as_str), "row"))
            .collect();
        let mut base = Selection::default();
        let mut fixed: Vec<usize> = Vec::new();
        // The one value chosen in each column so narrowed: the name of a lone series.
        let mut picked_alone: Vec<String> = Vec::new();
        self.unit_from_label_columns(table, labels);
        // What every row measures, where a column says so once for all.
        let mut measured: Vec<String> = Vec::new();
        for &dim in &dims {
            let header = table.header.get(dim).cloned().unwrap_or_default();
            let values = columns::distinct_values(&table.rows, dim);
            if values.len() <= 1 {
                if let Some(value) = values.first() {
                    self.notes
                        .push(format!("Every row is for {value} (column \"{header}\")"));
                    // An indicator named once for all rows names what the series measure
                    // (and its unit: `Tariff rate, … (%)`).
                    let key = cells::squeezed(&header);
                    if ["indicator", "series", "measure", "variable", "subject"]
                        .iter()
                        .any(|word| key.contains(word))
                    {
                        measured.push(value.clone());
                    }
                }
                fixed.push(dim);
                continue;
            }
            let series_count = if row_per_series {
                table.rows.len()
            } else {
                distinct_combinations(table, &dims, &fixed)
            };
            if series_count <= max_drawn && !columns_entity_like(&header) {
                continue;
            }
            let entities = entities_of(table, dim, code.filter(|_| dims.first() == Some(&dim)));
            let key = selection_key(&header, "row");
            let Some(chosen) = self.chosen(&entities, &key, &header)? else {
                return Ok(Narrowed::Choose(choices_from(
                    &entities, &key, &header, &base,
                )));
            };
            let chosen_names: Vec<String> = chosen
                .iter()
                .filter_map(|&index| entities.get(index).map(|entity| entity.name.clone()))
                .collect();
            table.rows.retain(|row| {
                chosen_names
                    .iter()
                    .any(|name| name == cells::cell(row, dim).trim())
            });
            self.notes
                .push(showing_note(&chosen_names, entities.len(), &header));
            base = base.with(&key, &chosen_names.join("|"));
            if let [only] = chosen_names.as_slice() {
                fixed.push(dim);
                picked_alone.push(only.clone());
            }
        }
        self.picked_alone.clone_from(&picked_alone);
        let names = row_names(table, &dims, &fixed, &picked_alone, &measured);
        Ok(Narrowed::Rows(names))
    }

    /// Skips a `Total:` row closing the table (USITC DataWeb): the sum of the rows
    /// above.
    fn skip_total_row(&mut self, table: &mut Table, labels: &[usize]) {
        let before = table.rows.len();
        table.rows.retain(|row| {
            let filled: Vec<&str> = labels
                .iter()
                .map(|&index| cells::cell(row, index).trim())
                .filter(|text| !text.is_empty())
                .collect();
            !matches!(filled.as_slice(), [only] if only.trim_end_matches(':').eq_ignore_ascii_case("total") || only.eq_ignore_ascii_case("grand total"))
        });
        if table.rows.len() < before {
            self.notes
                .push("Skipped the \"Total\" row: the sum of the rows above it".to_string());
        }
    }

    /// The unit of a label column with one value for every row (BEA's `Unit`), when
    /// the title lines named none.
    fn unit_from_label_columns(&mut self, table: &Table, labels: &[usize]) {
        if self.title_unit.is_some() {
            return;
        }
        let Some((unit_column, text)) = labels.iter().find_map(|&index| {
            let name = cells::squeezed(table.header.get(index).map_or("", String::as_str));
            let values = columns::distinct_values(&table.rows, index);
            match values.as_slice() {
                [only] if name == "unit" || name == "units" || name == "unitofmeasure" => {
                    Some((index, only.clone()))
                }
                _ => None,
            }
        }) else {
            return;
        };
        let unit = Unit::parse(&text);
        if !unit.is_empty() {
            self.notes.push(format!(
                "Unit {unit} from column \"{}\" (\"{text}\")",
                table.header.get(unit_column).map_or("", String::as_str)
            ));
            self.title_unit = Some((unit, text));
        }
    }
}

/// The label columns of words, which name rows (a column of numbers and codes, `11`,
/// `31-33`, only labels them); countries and partners first: they are asked for even
/// when few.
fn text_label_columns(table: &Table, labels: &[usize]) -> Vec<usize> {
    let decimal_comma = table.decimal_comma;
    let is_text_label = |index: usize| {
        let name = table.header.get(index).map_or("", String::as_str);
        let mut text = 0usize;
        let mut other = 0usize;
        for row in &table.rows {
            match cells::kind(cells::cell(row, index), decimal_comma) {
                cells::Kind::Text if cells::cell(row, index).chars().any(char::is_alphabetic) => {
                    text += 1;
                }
                cells::Kind::Empty => {}
                _ => other += 1,
            }
        }
        !columns::is_code_header(name) && text > 0 && text >= other
    };
    let mut dims: Vec<usize> = labels
        .iter()
        .copied()
        .filter(|&index| is_text_label(index))
        .collect();
    dims.sort_by_key(|&index| {
        !columns_entity_like(table.header.get(index).map_or("", String::as_str))
    });
    dims
}

/// Each row's name: the values of the label columns `dims` that still tell rows apart
/// (not `fixed`), else the values chosen alone (`picked_alone`) or the first label;
/// with what every row measures (`measured`) after it.
fn row_names(
    table: &Table,
    dims: &[usize],
    fixed: &[usize],
    picked_alone: &[String],
    measured: &[String],
) -> Vec<String> {
    let varying: Vec<usize> = dims
        .iter()
        .copied()
        .filter(|dim| !fixed.contains(dim))
        .filter(|&dim| columns::distinct_values(&table.rows, dim).len() > 1)
        .collect();
    let lone_name = if picked_alone.is_empty() {
        dims.iter()
            .find_map(|&dim| {
                columns::distinct_values(&table.rows, dim)
                    .into_iter()
                    .next()
            })
            .unwrap_or_default()
    } else {
        picked_alone.join(", ")
    };
    let names = table.rows.iter().map(|row| {
        let parts: Vec<&str> = varying
            .iter()
            .map(|&dim| cells::cell(row, dim).trim())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.is_empty() {
            lone_name.clone()
        } else {
            parts.join(", ")
        }
    });
    if measured.is_empty() {
        return names.collect();
    }
    // `China, Tariff rate, applied, weighted mean, all products (%)`: the unit in the
    // indicator's brackets stays last, where it is read from.
    let suffix = measured.join(", ");
    names
        .map(|name| {
            if name.is_empty() {
                suffix.clone()
            } else {
                format!("{name}, {suffix}")
            }
        })
        .collect()
}

/// What narrowing the rows came to.
pub(super) enum Narrowed {
    /// Each row's name.
    Rows(Vec<String>),
    Choose(Choices),
}

/// How many series the distinct combinations of `dims` (less `fixed`) would draw.
pub(super) fn distinct_combinations(table: &Table, dims: &[usize], fixed: &[usize]) -> usize {
    let mut seen = std::collections::HashSet::new();
    for row in &table.rows {
        let key: Vec<&str> = dims
            .iter()
            .filter(|dim| !fixed.contains(dim))
            .map(|&dim| cells::cell(row, dim).trim())
            .collect();
        seen.insert(key);
    }
    seen.len()
}

/// A thing to choose: a country, partner, row or column.
#[derive(Clone, Debug)]
pub(super) struct Entity {
    pub(super) name: String,
    pub(super) code: String,
    pub(super) aggregate: bool,
}

/// The entities of column `column`, each with its code from `code`, in file order.
pub(super) fn entities_of(table: &Table, column: usize, code: Option<usize>) -> Vec<Entity> {
    let mut seen = std::collections::HashSet::new();
    let mut entities = Vec::new();
    for row in &table.rows {
        let name = cells::cell(row, column).trim();
        if name.is_empty() || !seen.insert(name.to_string()) {
            continue;
        }
        // BEA writes its codes `" ""00000"" "`: the code is what the quotes hold.
        let code = code.map_or("", |index| {
            cells::cell(row, index).trim_matches(|c: char| c == '"' || c.is_whitespace())
        });
        let places = columns_entity_like(table.header.get(column).map_or("", String::as_str));
        entities.push(Entity {
            name: name.to_string(),
            code: code.to_string(),
            // Regions and income groups are told apart among places, not products.
            aggregate: places && is_aggregate(name, code),
        });
    }
    entities
}

/// The choices among `entities`, countries first and aggregates after them.
pub(super) fn choices(entities: &[Entity], key: &str, header: &str) -> Choices {
    choices_from(entities, key, header, &Selection::default())
}

/// [`choices`] each added to the selection made so far.
pub(super) fn choices_from(
    entities: &[Entity],
    key: &str,
    header: &str,
    base: &Selection,
) -> Choices {
    let mut options: Vec<Choice> = entities
        .iter()
        .map(|entity| Choice {
            label: if entity.code.is_empty() || entity.code == entity.name {
                entity.name.clone()
            } else {
                format!("{} ({})", entity.name, entity.code)
            },
            selection: base.with(key, selection_value(entity)),
            aggregate: entity.aggregate,
        })
        .collect();
    options.sort_by_key(|choice| choice.aggregate);
    Choices {
        format: Format::CsvLong,
        what: singular_of(header),
        options,
    }
}

/// The value a selection names an entity by: its name, unless that would not
/// survive the selection's text form.
pub(super) fn selection_value(entity: &Entity) -> &str {
    if entity.name.contains(['|', '=']) && !entity.code.is_empty() {
        &entity.code
    } else {
        &entity.name
    }
}

/// The key a selection names a column by: `Country Name` → `country_name`.
pub(super) fn selection_key(header: &str, fallback: &str) -> String {
    let key: String = header_key(header)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if key.is_empty() {
        fallback.to_string()
    } else {
        key
    }
}

/// `Country Name` → `country`; `Entity` → `entity`; `` → `row`.
pub(super) fn singular_of(header: &str) -> String {
    let lower = header.trim().to_lowercase();
    for word in [
        "country",
        "partner",
        "entity",
        "economy",
        "reporter",
        "region",
        "commodity",
        "product",
        "sector",
        "series",
        "indicator",
    ] {
        if lower.contains(word) {
            return word.to_string();
        }
    }
    if lower.starts_with("geo") || lower == "state" || lower == "area" || lower == "location" {
        // BEA's `GeoName`, a state, an area: a place.
        return "place".to_string();
    }
    if lower.is_empty() {
        "row".to_string()
    } else {
        lower
    }
}

/// `Showing China, World of the 262 countries in column "Country Name"`.
pub(super) fn showing_note(chosen: &[String], of: usize, header: &str) -> String {
    let column = if header.trim().is_empty() {
        String::new()
    } else {
        format!(" in column \"{header}\"")
    };
    format!(
        "Showing {} of the {of} {}{column}",
        chosen.join(", "),
        plural_of(header)
    )
}

/// `countries`, `entities`, `rows`.
pub(super) fn plural_of(header: &str) -> String {
    super::super::field::select::plural(&singular_of(header))
}

/// True for a row-label header that names countries or partners: their rows are
/// always a choice, even a few of them.
pub(super) fn columns_entity_like(header: &str) -> bool {
    let lower = header.to_lowercase();
    [
        "country", "partner", "economy", "reporter", "entity", "geoname", "state",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// World Bank aggregate codes (regions, income groups, the world).
const AGGREGATE_CODES: &[&str] = &[
    "AFE", "AFW", "ARB", "CEB", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS",
    "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN", "LDC", "LIC", "LMC",
    "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE", "PSS", "PST", "SAS", "SSA",
    "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS", "UMC", "WLD",
];

/// True for a region, income group or the world rather than one country: by the
/// World Bank's aggregate codes, OWID's `OWID_` codes, or words in the name.
pub(super) fn is_aggregate(name: &str, code: &str) -> bool {
    let code = code.trim();
    if code.starts_with("OWID_") || AGGREGATE_CODES.contains(&code) {
        return true;
    }
    let lower = name.to_lowercase();
    lower == "world"
        || lower.starts_with("world ")
        || lower.contains("income")
        || lower.contains("(wb)")
        || lower.contains("(un)")
        || lower.contains("(who)")
        || lower.contains("(fao)")
        || lower.contains("countries")
        || lower.contains("total")
        || lower.contains("euro area")
        || lower.contains("european union")
        || lower.contains("& pacific")
        || lower.contains("and pacific")
        || lower.contains("central asia")
        || lower.contains("sub-saharan")
        || lower.contains("north africa")
        || lower.contains("latin america")
        || lower.contains("ida ")
        || lower.contains("ibrd")
        || lower.contains("oecd")
}
