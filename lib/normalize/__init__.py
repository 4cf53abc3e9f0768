"""Normalisers: turn the forms' raw text into canonical values (text, values, taxonomy, money, names, dates)."""
