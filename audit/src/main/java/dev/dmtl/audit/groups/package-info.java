/**
 * How rows are split into groups: {@link dev.dmtl.audit.groups.Grouping} (overall, one attribute,
 * or an intersection), {@link dev.dmtl.audit.groups.GroupKey} (one group of a grouping) and the age
 * bins ({@link dev.dmtl.audit.groups.AgeBins}, {@link dev.dmtl.audit.groups.AgeBinPreset}) that
 * turn ages into an age-group attribute.
 */
package dev.dmtl.audit.groups;
