"""builder/content"""
