"""Pure rules of 主动公开 (no Django): metadata vocabularies, 索引号, 条例第二十六条, search terms."""
