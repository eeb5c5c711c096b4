"""builder/commands"""
