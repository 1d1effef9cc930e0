/** Tools that derive data files the tests and the documentation ship. */
package dev.dmtl.tools.data;
